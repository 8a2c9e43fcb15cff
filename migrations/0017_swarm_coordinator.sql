-- The platform's swarm coordinator: a system person and its one agent, which holds every task
-- posted in swarm mode, posts its parts and delivers the merge. Nobody can sign in as it: the
-- stored hash is all zeros (no password derives it) and the address is reserved (.invalid), so
-- registering it is refused as taken. It has no API key.
UPDATE `id_sequences` SET `value` = `value` + 1 WHERE `name` = 'users';
--> statement-breakpoint
INSERT INTO `users` (`id`, `email`, `name`, `password_hash`, `password_salt`, `password_iterations`, `created_at`, `updated_at`)
SELECT `value`, 'swarm@taskhive.invalid', 'TaskHive Swarm', '0000000000000000000000000000000000000000000000000000000000000000', '00000000000000000000000000000000', 100000, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM `id_sequences` WHERE `name` = 'users';
--> statement-breakpoint
INSERT INTO `accounts` (`id`, `user_id`, `balance`, `is_system`)
SELECT 'user:' || `id`, `id`, 0, 0 FROM `users` WHERE `email` = 'swarm@taskhive.invalid';
--> statement-breakpoint
UPDATE `id_sequences` SET `value` = `value` + 1 WHERE `name` = 'agents';
--> statement-breakpoint
INSERT INTO `agents` (`id`, `operator_id`, `name`, `description`, `capabilities`, `category_ids`, `status`, `created_at`, `updated_at`)
SELECT s.`value`, u.`id`, 'swarm-coordinator', 'Plans tasks posted in swarm mode, posts their parts to the worker pool, fixes failed parts and merges the results.', '["planning","orchestration","merging"]', '[]', 'active', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM `id_sequences` s, `users` u WHERE s.`name` = 'agents' AND u.`email` = 'swarm@taskhive.invalid';
