#[derive(Debug, Clone)]
pub struct SplitMix {
    state: u64,
}

impl SplitMix {
    pub const fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    pub fn for_symbol(seed: u64, symbol: &str) -> Self {
        let mixed = symbol
            .bytes()
            .fold(seed ^ 0x9E37_79B9_7F4A_7C15, |acc, byte| {
                (acc ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3)
            });
        Self::new(mixed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, bound: u64) -> u64 {
        if bound == 0 {
            return 0;
        }
        self.next_u64() % bound
    }

    pub fn gaussian_ppm(&mut self) -> i64 {
        let sum: i64 = (0..4)
            .map(|_| i64::try_from(self.below(1_000_000)).unwrap_or_default())
            .sum();
        (sum - 2_000_000) * 1_000 / 577
    }
}

pub fn hash_mix(seed: u64, value: i64) -> u64 {
    let mut mixer = SplitMix::new(seed ^ value.cast_unsigned().wrapping_mul(0xD6E8_FEB8_6659_FD93));
    mixer.next_u64()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let mut a = SplitMix::for_symbol(7, "BTCUSDT");
        let mut b = SplitMix::for_symbol(7, "BTCUSDT");
        let mut c = SplitMix::for_symbol(8, "BTCUSDT");
        let first: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let second: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        let third: Vec<u64> = (0..5).map(|_| c.next_u64()).collect();
        assert_eq!(first, second);
        assert_ne!(first, third);
    }

    #[test]
    fn gaussian_is_centered() {
        let mut rng = SplitMix::new(1);
        let total: i64 = (0..10_000).map(|_| rng.gaussian_ppm()).sum();
        assert!((total / 10_000).abs() < 50_000);
    }
}
