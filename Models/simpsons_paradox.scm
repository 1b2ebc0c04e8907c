# Simpson's paradox: admissions by gender and department.
#
# Simpson's paradox (admissions by department): women apply more often to the
# competitive department. Within each department they are admitted slightly more
# often, yet overall less often. The direct effect of gender (holding the
# department fixed) is +0.05; the total effect, through the choice of
# department, is 0.05 - 0.4 * (logistic(1) - logistic(-1)) = -0.1349.
# true effect of female on admitted: -0.13485
female     ~ Bernoulli(0.5)
department ~ Bernoulli(logistic(-1 + 2 * female))
admitted   ~ Bernoulli(0.6 - 0.4 * department + 0.05 * female)
