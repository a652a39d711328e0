//! Money: an exact decimal amount in a currency. (Stub: core API only.)

use rust_decimal::{Decimal, RoundingStrategy};

use crate::currency::Currency;
use crate::error::{Error, Result};

/// An exact amount of a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// `amount` of `currency`.
    pub const fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    /// The exact amount.
    pub const fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// The sum, or an error for different currencies or overflow.
    pub fn checked_add(&self, other: &Money) -> Result<Money> {
        if self.currency != other.currency {
            return Err(Error::CurrencyMismatch {
                operation: "add",
                left: self.currency,
                right: other.currency,
            });
        }
        self.amount
            .checked_add(other.amount)
            .map(|a| Money::new(a, self.currency))
            .ok_or_else(|| {
                Error::overflow(
                    "money addition",
                    format!("{} + {}", self.amount, other.amount),
                )
            })
    }

    /// Rounded to the currency's minor unit with `strategy`.
    pub fn round_with(&self, strategy: RoundingStrategy) -> Money {
        let dp = u32::from(self.currency.minor_units().unwrap_or(2));
        Money::new(
            self.amount.round_dp_with_strategy(dp, strategy),
            self.currency,
        )
    }
}
