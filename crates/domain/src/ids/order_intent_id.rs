use crate::ids::checked::checked_id;

checked_id!(OrderIntentId, 64);
