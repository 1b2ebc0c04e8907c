# Recommender: a softmax logging policy shows one of four items; the user traits behind it also drive clicks.
#
# An online shop logs, for every visit, which of four items it recommended and
# whether the user clicked. Two standardised traits describe the user: how
# active they are and how much they like novelty. The logging policy draws the
# item from a softmax of scores of these traits (a Categorical whose weights are
# exp(score)): active users are shown the bestseller (item 0) more often, users
# who like novelty the new arrival (item 2). The click probability depends on
# the same traits and on the item: item 1 (a bargain) suits inactive users,
# item 2 novelty lovers, item 3 active novelty lovers. Because the same traits
# drive what is shown and what is clicked, the items' click rates as logged are
# confounded (the bestseller looks better than it is). Every unit's click under
# each item comes from its own noise (one uniform per visit, click = 1 when it
# falls below the click probability). A target policy is a new mechanism for
# item, e.g. --target "item = ifelse(novelty > 0, 2, 1)"; its true value is the
# mean over users of the sum over items of its probability times the click
# probability; whatif ope scores IPS, SNIPS, DM, DR, SNDR and Switch-DR on it.
# Showing everyone the same item gives click rates 0.2035, 0.2908, 0.2660 and
# 0.2744 for items 0 to 3 (by 200-point Gauss-Hermite quadrature); as logged,
# they look like 0.27, 0.29, 0.36 and 0.22.
# true effect of item on click: 0.0873
activity = Normal(0, 1)
novelty  = Normal(0, 1)
item     ~ Categorical(exp(0.8 * activity), exp(0.3), exp(0.9 * novelty), exp(-0.5 * activity - 0.4 * novelty))
click    ~ Bernoulli(logistic(-1.5 + 0.7 * activity + (item == 1) * (0.6 - 0.5 * activity) + (item == 2) * (0.2 + novelty) + (item == 3) * (0.4 + 0.5 * activity * novelty)))
