use crate::ids::checked::checked_id;

checked_id!(RunId, 64);
