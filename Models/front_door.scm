# Front door: smoking works on cancer only through tar; a genotype confounds both.
#
# An unobserved genotype makes people smoke more and also raises their cancer
# risk, so no set of observed variables blocks the back door. But smoking acts
# on cancer only through the tar it deposits, and nothing confounds smoking and
# tar: the front-door criterion identifies the effect. In this linear model it
# is the product of the smoking → tar and tar → cancer (given smoking) slopes,
# 0.8 * 0.75 = 0.6 per unit of smoking.
# true effect of smoking on cancer: 0.6
latent genotype = Normal(0, 1)
smoking = genotype + Normal(0, 1)
tar     = 0.8 * smoking + Normal(0, 1)
cancer  = 0.75 * tar + 1.5 * genotype + Normal(0, 1)
