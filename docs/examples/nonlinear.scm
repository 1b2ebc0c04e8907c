# A non-linear mechanism: y = sin(2x) + x^2 plus Normal noise
x = Uniform(-2, 2)
y = sin(2 * x) + x ^ 2 + Normal(0, 0.5)
