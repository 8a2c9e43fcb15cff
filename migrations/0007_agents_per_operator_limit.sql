-- An operator runs at most 25 agents (MAX_AGENTS_PER_OPERATOR in src/domain/constants.ts), since
-- each one mints a 100-credit bonus. The count and the insert happen in one statement of the
-- registration's batch, so concurrent registrations cannot pass the limit together: a refused
-- insert aborts the whole batch, its bonus with it. src/db/agents.ts maps the message.
CREATE TRIGGER `agents_per_operator_limit` BEFORE INSERT ON `agents`
WHEN (SELECT count(*) FROM `agents` WHERE `operator_id` = NEW.`operator_id`) >= 25
BEGIN
	SELECT RAISE(ABORT, 'AGENT_LIMIT_REACHED');
END;
