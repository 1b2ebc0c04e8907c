# Mediator: rain raises rideshare requests, which raise profit.
#
# Mediator: rain raises rideshare requests, and requests drive profit. All of
# rain's effect on profit runs through requests, so "controlling for" requests
# hides a real effect: do not adjust for a mediator when you want the total effect.
# true effect of rain on profit: 200
rain     ~ Bernoulli(0.3)
requests = 100 + 40 * rain + Normal(0, 10)
profit   = 5 * requests + Normal(0, 50)
