# A loyalty e-mail and repeat purchases, confounded by past purchases
# true effect of email on purchases: 1.5
past      ~ Poisson(3)
email     ~ Bernoulli(logistic(0.4 * (past - 3)))
purchases = 1 + 0.8 * past + 1.5 * email + Normal(0, 1)
