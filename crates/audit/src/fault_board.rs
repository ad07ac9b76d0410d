use std::sync::Mutex;

use tokio::sync::watch;

use crate::AuditError;

#[derive(Debug, Default)]
struct FaultSlots {
    store: Option<AuditError>,
    trail: Option<AuditError>,
    checkpoint: Option<AuditError>,
}

#[derive(Debug)]
pub(crate) struct FaultBoard {
    slots: Mutex<FaultSlots>,
    published: watch::Sender<Option<AuditError>>,
}

impl FaultBoard {
    pub(crate) fn new(published: watch::Sender<Option<AuditError>>) -> Self {
        Self {
            slots: Mutex::new(FaultSlots::default()),
            published,
        }
    }

    pub(crate) fn set_store(&self, fault: Option<AuditError>) {
        self.update(|slots| slots.store = fault);
    }

    pub(crate) fn set_trail(&self, fault: Option<AuditError>) {
        self.update(|slots| slots.trail = fault);
    }

    pub(crate) fn set_checkpoint(&self, fault: Option<AuditError>) {
        self.update(|slots| slots.checkpoint = fault);
    }

    fn update(&self, change: impl FnOnce(&mut FaultSlots)) {
        let mut slots = match self.slots.lock() {
            Ok(slots) => slots,
            Err(poisoned) => poisoned.into_inner(),
        };
        change(&mut slots);
        let next = slots
            .store
            .clone()
            .or_else(|| slots.checkpoint.clone())
            .or_else(|| slots.trail.clone());
        self.published.send_if_modified(|current| {
            if *current == next {
                return false;
            }
            *current = next;
            true
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_fault_outranks_a_trail_fault_and_each_clears_only_itself() {
        let (sender, receiver) = watch::channel(None);
        let board = FaultBoard::new(sender);
        let trail_fault = AuditError::QueueClosed;
        let store_fault = AuditError::Write {
            detail: "busy".to_owned(),
        };
        board.set_trail(Some(trail_fault.clone()));
        assert_eq!(*receiver.borrow(), Some(trail_fault.clone()));
        board.set_store(Some(store_fault.clone()));
        assert_eq!(*receiver.borrow(), Some(store_fault));
        board.set_store(None);
        assert_eq!(*receiver.borrow(), Some(trail_fault));
        board.set_trail(None);
        assert_eq!(*receiver.borrow(), None);
    }
}
