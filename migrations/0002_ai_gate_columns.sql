ALTER TABLE ai_gate_events ADD COLUMN model TEXT;
ALTER TABLE ai_gate_events ADD COLUMN prompt_version TEXT;
ALTER TABLE ai_gate_events ADD COLUMN latency_ms INTEGER;
ALTER TABLE ai_gate_events ADD COLUMN raw_hash TEXT;
ALTER TABLE ai_gate_events ADD COLUMN modify_applied INTEGER;
ALTER TABLE ai_gate_events ADD COLUMN error_code TEXT;
ALTER TABLE ai_gate_events ADD COLUMN details TEXT;
