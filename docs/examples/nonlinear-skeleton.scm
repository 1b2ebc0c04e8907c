x = Uniform(-2, 2)
y = auto(x; family = trees)
