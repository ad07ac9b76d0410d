use rust_decimal::Decimal;

const BPS_PER_UNIT: i64 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VirtualTrail {
    pub peak: Decimal,
    pub delta_bips: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrailSignal {
    Hold { stop: Decimal },
    Exit { stop: Decimal },
}

impl VirtualTrail {
    pub fn new(start_price: Decimal, delta_bips: u32) -> Self {
        Self {
            peak: start_price,
            delta_bips,
        }
    }

    pub fn stop(&self) -> Decimal {
        self.peak - self.peak * Decimal::from(self.delta_bips) / Decimal::from(BPS_PER_UNIT)
    }

    pub fn observe(&mut self, price: Decimal) -> TrailSignal {
        if price > self.peak {
            self.peak = price;
        }
        let stop = self.stop();
        if price <= stop {
            TrailSignal::Exit { stop }
        } else {
            TrailSignal::Hold { stop }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn stop_follows_the_peak_up_and_never_down() {
        let mut trail = VirtualTrail::new(dec!(100), 100);
        assert_eq!(
            trail.observe(dec!(99.5)),
            TrailSignal::Hold { stop: dec!(99) }
        );
        assert_eq!(
            trail.observe(dec!(110)),
            TrailSignal::Hold { stop: dec!(108.9) }
        );
        assert_eq!(
            trail.observe(dec!(109)),
            TrailSignal::Hold { stop: dec!(108.9) }
        );
        assert_eq!(trail.peak, dec!(110));
        assert_eq!(
            trail.observe(dec!(108.9)),
            TrailSignal::Exit { stop: dec!(108.9) }
        );
    }
}
