# Hidden confounding (strong): unrecorded interest drives both ad exposure and spending.
#
# Hidden confounding, strong: customers' interest in the product is not recorded.
# Interested customers see more of the ads and spend more; the ads themselves
# change nothing. Tenure is recorded and adjusting for it is right, but it
# cannot remove the interest: a regression of spend on exposure and tenure finds
# an effect that is not there. The interest explains 20% of the residual
# variance of exposure (given tenure) and 20% of that of spend (given exposure
# and tenure), so the estimate's robustness value is about 0.2: a confounder of
# that strength explains it away. The weak, moderate and strong variants differ
# only in that share.
# true effect of exposure on spend: 0
tenure          = Normal(0, 1)
latent interest = Normal(0, 1)
exposure        = 0.5 * tenure + 0.5 * interest + Normal(0, 1)
spend           = 0.5 * tenure + 0.559017 * interest + Normal(0, 1)
