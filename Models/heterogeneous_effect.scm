# Heterogeneous effect: a discount helps younger customers more, and they get it more often.
#
# Heterogeneous effect: a discount raises purchases by 0.3 * (60 - age), from 12
# at age 20 to nothing at 60, and younger customers are more likely to get it.
# Age also raises purchases directly, so it confounds the comparison. Age is
# Uniform(20, 60), so the average effect over everyone is 0.3 * (60 - 40) = 6;
# the average effect on those who got the discount is larger, and a regression
# with one common effect for everyone estimates neither (it weights the
# conditional effects by the variance of the treatment, near age 45).
# true effect of discount on purchases: 6
age       = Uniform(20, 60)
discount  ~ Bernoulli(logistic(0.1 * (45 - age)))
purchases = 10 + 0.2 * age + 0.3 * (60 - age) * discount + Normal(0, 3)
