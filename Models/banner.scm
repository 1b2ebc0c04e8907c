# E-commerce banner, confounded by prior engagement.
#
# E-commerce banner: customers with more prior engagement are more likely to be
# shown the banner and also spend more anyway. The naive difference in spend
# between those who saw the banner and those who did not overstates its effect;
# adjusting for prior engagement (regression, matching, IPW, AIPW) recovers it.
# true effect of banner on spend: 5
engagement = Normal(50, 15)
banner     ~ Bernoulli(logistic(0.05 * (engagement - 50)))
spend      = 20 + 0.3 * engagement + 5 * banner + Normal(0, 10)
