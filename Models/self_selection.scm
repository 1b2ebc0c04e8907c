# Self-selection: engaged users opt into a feature.
#
# Self-selection: engaged users opt into a new feature, and engaged users also
# stay longer. Users of the feature retain far longer than non-users, but most of
# the gap is engagement, not the feature.
# true effect of uses_feature on retention_days: 2
engagement     = Normal(0, 1)
uses_feature   ~ Bernoulli(logistic(2 * engagement))
retention_days = 30 + 2 * uses_feature + 8 * engagement + Normal(0, 5)
