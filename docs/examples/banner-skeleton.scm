# The banner model's graph, its mechanisms left to the data
engagement = auto()
banner     = auto(engagement)
spend      = auto(engagement, banner)
