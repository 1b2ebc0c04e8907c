# Fuzzy regression discontinuity: a loyalty score of 70 makes the banner likelier, not certain.
#
# Fuzzy regression discontinuity: customers with a loyalty score of 70 or more are
# offered the banner, and those with more affinity for it take the offer more
# often (60% × affinity more of them see it; 20% see it whatever their score).
# Affinity also raises the banner's effect, 4 + 8 × affinity, so the customers
# the cutoff moves (the compliers) gain more than the average customer: at the
# cutoff their average effect is E[a(4 + 8a)] / E[a] = 28/3 ≈ 9.33, while the
# average effect over everyone is 4 + 8 × ½ = 8. A fuzzy RD estimate (the jump in
# spend over the jump in the banner's share) recovers the former.
# true effect of banner on spend: 8
loyalty  = Uniform(0, 100)
affinity = Uniform(0, 1)
banner   ~ Bernoulli(0.2 + 0.6 * affinity * (loyalty >= 70))
spend    = 20 + 0.4 * loyalty + (4 + 8 * affinity) * banner + Normal(0, 5)
