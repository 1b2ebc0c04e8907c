# Collider: lung cancer has two independent causes; conditioning on it links them.
#
# Collider: smoking and asbestos exposure both cause lung cancer, and lung
# cancer causes sick days. Smoking and asbestos are independent, but among
# patients with cancer (or with many sick days) they look negatively related:
# conditioning on a collider, or on its descendant, opens a non-causal path.
# true effect of smoking on asbestos: 0
smoking     ~ Bernoulli(0.25)
asbestos    ~ Bernoulli(0.1)
lung_cancer ~ Bernoulli(0.02 + 0.15 * smoking + 0.2 * asbestos)
sick_days   ~ Poisson(2 + 12 * lung_cancer)
