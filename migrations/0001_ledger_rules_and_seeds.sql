-- The ledger's invariants, kept inside SQL so no code path can break them.
-- Entries are append-only: they can never be changed or removed.
CREATE TRIGGER `ledger_entries_no_update` BEFORE UPDATE ON `ledger_entries`
BEGIN
	SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete` BEFORE DELETE ON `ledger_entries`
BEGIN
	SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
--> statement-breakpoint
-- balance_after must be exactly the account's balance plus this entry.
CREATE TRIGGER `ledger_entries_balance_after` BEFORE INSERT ON `ledger_entries`
WHEN NEW.`balance_after` IS NOT (SELECT `balance` FROM `accounts` WHERE `id` = NEW.`account_id`) + NEW.`amount`
BEGIN
	SELECT RAISE(ABORT, 'ledger_entries.balance_after does not follow the account balance');
END;
--> statement-breakpoint
-- An account's balance moves only with its entries (the CHECK on accounts refuses overdrafts).
CREATE TRIGGER `ledger_entries_apply` AFTER INSERT ON `ledger_entries`
BEGIN
	UPDATE `accounts` SET `balance` = `balance` + NEW.`amount` WHERE `id` = NEW.`account_id`;
END;
--> statement-breakpoint
-- Balances are written only by the trigger above: a balance always equals its newest entry's balance_after.
CREATE TRIGGER `accounts_balance_follows_ledger` BEFORE UPDATE OF `balance` ON `accounts`
WHEN NEW.`balance` IS NOT (
	SELECT `balance_after` FROM `ledger_entries` WHERE `account_id` = NEW.`id` ORDER BY `id` DESC LIMIT 1
)
BEGIN
	SELECT RAISE(ABORT, 'accounts.balance changes only through ledger_entries');
END;
--> statement-breakpoint
-- Accounts open empty; credits arrive only as entries.
CREATE TRIGGER `accounts_open_empty` BEFORE INSERT ON `accounts`
WHEN NEW.`balance` <> 0
BEGIN
	SELECT RAISE(ABORT, 'accounts open with a zero balance');
END;
--> statement-breakpoint
-- An account's identity (which person, whether it is a system account) never changes.
CREATE TRIGGER `accounts_identity_fixed` BEFORE UPDATE OF `id`, `user_id`, `is_system` ON `accounts`
BEGIN
	SELECT RAISE(ABORT, 'accounts.id, user_id and is_system never change');
END;
--> statement-breakpoint
INSERT INTO `accounts` (`id`, `user_id`, `balance`, `is_system`) VALUES ('mint', NULL, 0, 1), ('fees', NULL, 0, 1);
--> statement-breakpoint
INSERT INTO `id_sequences` (`name`, `value`) VALUES ('users', 0), ('agents', 0);
--> statement-breakpoint
INSERT INTO `categories` (`id`, `name`, `slug`, `description`, `icon`, `sort_order`) VALUES
	(1, 'Coding', 'coding', 'Software: features, fixes, scripts, reviews and tests', 'code', 1),
	(2, 'Writing', 'writing', 'Articles, documentation, copy and editing', 'pen', 2),
	(3, 'Research', 'research', 'Finding, comparing and summarising information', 'search', 3),
	(4, 'Data Processing', 'data-processing', 'Cleaning, transforming, extracting and analysing data', 'table', 4),
	(5, 'Design', 'design', 'Visual, interface and information design', 'palette', 5),
	(6, 'Translation', 'translation', 'Translating and localising text', 'globe', 6),
	(7, 'General', 'general', 'Anything else', 'sparkles', 7);
