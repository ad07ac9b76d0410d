pub const CLEAN_OBSERVATIONS_TO_CLEAR: u8 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpisodeSignal {
    Raise,
    Clean,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Episode {
    held: bool,
    clean_streak: u8,
}

impl Episode {
    pub fn is_held(self) -> bool {
        self.held
    }

    pub fn observe(&mut self, bad: bool) -> Option<EpisodeSignal> {
        if bad {
            self.clean_streak = 0;
            if self.held {
                return None;
            }
            self.held = true;
            return Some(EpisodeSignal::Raise);
        }
        if !self.held {
            return None;
        }
        self.clean_streak = self.clean_streak.saturating_add(1);
        if self.clean_streak >= CLEAN_OBSERVATIONS_TO_CLEAR {
            self.held = false;
            self.clean_streak = 0;
        }
        Some(EpisodeSignal::Clean)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_episode_is_raised_once_and_cleans_until_two_clean_observations() {
        let mut episode = Episode::default();
        assert_eq!(episode.observe(false), None);
        assert_eq!(episode.observe(true), Some(EpisodeSignal::Raise));
        assert_eq!(episode.observe(true), None);
        assert_eq!(episode.observe(false), Some(EpisodeSignal::Clean));
        assert!(episode.is_held());
        assert_eq!(episode.observe(true), None);
        assert_eq!(episode.observe(false), Some(EpisodeSignal::Clean));
        assert_eq!(episode.observe(false), Some(EpisodeSignal::Clean));
        assert!(!episode.is_held());
        assert_eq!(episode.observe(false), None);
        assert_eq!(episode.observe(true), Some(EpisodeSignal::Raise));
    }
}
