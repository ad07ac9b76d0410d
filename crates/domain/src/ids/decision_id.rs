use crate::ids::checked::checked_id;

checked_id!(DecisionId, 64);
