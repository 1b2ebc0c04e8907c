# Car insurance: the insurance network of driver, car, accidents and costs.
#
# Car insurance: a rendering, with continuous and binary variables, of the
# structure of the insurance network of Binder, Koller, Russell & Kanazawa (1997).
# Who the driver is (age, socio-economic status, risk aversion) shapes what they
# drive and how they drive; that shapes accidents, thefts and the claim cost.
# Many back-door paths run from the car's safety features to its costs through
# the driver and the car, so the right adjustment set is not obvious.
# Antilock brakes lower the accident probability by 0.04 for every driver; an
# accident costs 3000 + 40 * (age - 18), and age is Uniform(18, 80), so
# true effect of antilock on claim_cost: -169.6
age             = Uniform(18, 80)
socio_economic  = Normal(0, 1)
risk_aversion   = 0.02 * (age - 45) + 0.5 * socio_economic + Normal(0, 1)
senior_training ~ Bernoulli(logistic(0.1 * (age - 65)))
driving_skill   = 0.03 * min(age - 18, 20) + 0.5 * senior_training + Normal(0, 1)
driving_history ~ Poisson(exp(-0.5 - 0.4 * driving_skill - 0.3 * risk_aversion))
driving_quality = 0.7 * driving_skill + 0.4 * risk_aversion + Normal(0, 0.5)
mileage         = LogNormal(9.2, 0.4)
vehicle_year    = 2014 + 2 * socio_economic + 0.5 * risk_aversion + Normal(0, 2)
make_model      = 1.5 * socio_economic - 0.5 * risk_aversion + Normal(0, 1)
antilock        ~ Bernoulli(logistic(0.6 * (vehicle_year - 2012) + 0.3 * make_model))
airbag          ~ Bernoulli(logistic(0.8 * (vehicle_year - 2008)))
car_value       = exp(3 + 0.08 * (vehicle_year - 2014) + 0.3 * make_model)
anti_theft      ~ Bernoulli(logistic(socio_economic + 0.5 * risk_aversion))
accident        ~ Bernoulli(0.02 + 0.06 * (driving_quality < 0) + 0.04 * (mileage > 15000) + 0.04 * (1 - antilock))
injury          ~ Bernoulli(accident * (0.3 - 0.15 * airbag))
theft           ~ Bernoulli(0.01 + 0.03 * (car_value > 30) + 0.02 * (1 - anti_theft))
claim_cost      = accident * (3000 + 40 * (age - 18)) + theft * 50 * min(car_value, 80)
medical_cost    = 5000 * injury
