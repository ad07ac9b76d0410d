use livespot_domain::{ReasonCode, SysMode};

pub fn check(mode: SysMode) -> Result<(), ReasonCode> {
    if mode == SysMode::Normal {
        Ok(())
    } else {
        Err(ReasonCode::RiskSysModeNotNormal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_normal_admits_entries() {
        assert_eq!(check(SysMode::Normal), Ok(()));
        for mode in [SysMode::Degrade, SysMode::Pause, SysMode::Exit] {
            assert_eq!(check(mode), Err(ReasonCode::RiskSysModeNotNormal), "{mode}");
        }
    }
}
