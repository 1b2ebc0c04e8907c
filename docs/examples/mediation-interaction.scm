# A binary treatment t whose effect on y depends on the mediator m (an exposure–mediator
# interaction, 1.2 * t * m), with a confounder c of all three.
# Natural direct effect 1.5 + 1.2 · E[m | do(t = 0)] = 2.7; natural indirect 2 · (0.8 + 1.2) = 4.
c = Normal(0, 1)
t ~ Bernoulli(logistic(0.5 * c))
m = 1 + 2 * t + 0.5 * c + Normal(0, 1)
y = 3 + 1.5 * t + 0.8 * m + 1.2 * t * m + 0.7 * c + Normal(0, 1)
