# Regression discontinuity: a loyalty score of 70 or more gets the banner.
#
# Regression discontinuity: customers with a loyalty score of 70 or more get the
# banner. Spend rises smoothly with the score and jumps at the cutoff by the
# banner's effect; a local linear regression on either side of 70 recovers it.
# true effect of banner on spend: 10
loyalty = Uniform(0, 100)
banner  = loyalty >= 70
spend   = 20 + 0.4 * loyalty + 0.002 * (loyalty - 50) ^ 2 + 10 * banner + Normal(0, 5)
