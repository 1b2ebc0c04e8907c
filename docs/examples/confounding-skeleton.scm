# The catalog's confounding model with its numbers left unknown, to be fitted from data.
param t0
param st
param p1
param sp
param bp ~ Normal(0, 10)
param bt ~ Normal(0, 10)
param sb
temperature = Normal(t0, st)
price       = p1 * temperature + Normal(0, sp)
bookings    = bp * price + bt * temperature + Normal(0, sb)
