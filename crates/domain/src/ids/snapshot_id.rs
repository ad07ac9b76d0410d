use crate::ids::checked::checked_id;

checked_id!(SnapshotId, 64);
