use crate::ids::checked::checked_id;

checked_id!(ClientOrderId, 36);
