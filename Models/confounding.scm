# Confounding: temperature drives both hotel prices and bookings.
#
# Confounding: hot days raise both hotel prices and bookings, so the naive
# regression of bookings on price is biased upwards (it even has the wrong sign).
# Adjusting for temperature (the back-door set) recovers the causal slope.
# true effect of price on bookings: -1
temperature = Normal(23, 3)
price       = 2 * temperature + Normal(0, 5)
bookings    = -1 * price + 5 * temperature + Normal(0, 5)
