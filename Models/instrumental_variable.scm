# Instrumental variable: rain shifts concert attendance; personality is unobserved.
#
# Instrumental variable: an unobserved personality trait makes people both more
# likely to go to the concert and happier, so comparing attendees with others is
# biased. Rain changes attendance but affects happiness only through it, so rain
# is an instrument: two-stage least squares recovers the effect.
# true effect of attendance on happiness: 0.5
latent personality = Normal(0, 1)
rain       ~ Bernoulli(0.4)
attendance ~ Bernoulli(logistic(0.5 - 2 * rain + 1.5 * personality))
happiness  = 0.5 * attendance + personality + Normal(0, 1)
