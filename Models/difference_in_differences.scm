# Difference-in-differences: markets before and after a campaign.
#
# Difference-in-differences: some markets get a campaign in the post period.
# Treated markets sell more to begin with and every market grows over time, so
# neither the post-period contrast nor the before/after change is the effect;
# their difference is, under parallel trends.
# true effect of campaign on sales: 10
treated  ~ Bernoulli(0.5)
post     ~ Bernoulli(0.5)
campaign = treated * post
sales    = 100 + 20 * treated + 15 * post + 10 * campaign + Normal(0, 5)
