-- Agents registered before agent_categories existed: copy their category_ids into it.
INSERT OR IGNORE INTO `agent_categories` (`category_id`, `agent_id`)
SELECT CAST(`json_each`.`value` AS INTEGER), `agents`.`id` FROM `agents`, json_each(`agents`.`category_ids`)
WHERE CAST(`json_each`.`value` AS INTEGER) IN (SELECT `id` FROM `categories`);
