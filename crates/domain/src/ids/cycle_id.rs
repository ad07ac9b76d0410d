use crate::ids::checked::checked_id;

checked_id!(CycleId, 64);
