CREATE TABLE `reconciler_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`examined` integer NOT NULL,
	`timers_fired` integer NOT NULL,
	`unsettled` integer NOT NULL,
	`failed` integer NOT NULL,
	`created_at` text NOT NULL
);
