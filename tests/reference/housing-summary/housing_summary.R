# R's summary(lm) (and confint, and HC0 sandwich standard errors computed by hand) on the training rows that
# export.cs writes: the reference the library's Summary() is compared with once (compare.sh). Base R only.
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "."
train <- read.csv(file.path(dir, "train.csv"), check.names = FALSE)
fit <- lm(y ~ ., data = train)
s <- summary(fit)
print(s)
ci <- confint(fit, level = 0.95)
X <- model.matrix(fit)
bread <- chol2inv(qr.R(qr(X)))
hc0 <- sqrt(diag(bread %*% crossprod(X * resid(fit)) %*% bread))
co <- coef(s)
out <- data.frame(name = c(names(coef(fit)), "sigma", "r.squared", "adj.r.squared", "F"),
                  estimate = c(co[, 1], s$sigma, s$r.squared, s$adj.r.squared, s$fstatistic[1]),
                  se = c(co[, 2], NA, NA, NA, NA), t = c(co[, 3], NA, NA, NA, NA),
                  p = c(co[, 4], NA, NA, NA, pf(s$fstatistic[1], s$fstatistic[2], s$fstatistic[3], lower.tail = FALSE)),
                  lower = c(ci[, 1], NA, NA, NA, NA), upper = c(ci[, 2], NA, NA, NA, NA),
                  hc0 = c(hc0, NA, NA, NA, NA))
write.csv(format(out, digits = 17), file.path(dir, "r.csv"), row.names = FALSE)
