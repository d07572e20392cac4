CREATE TABLE `boots` (
	`id` text PRIMARY KEY NOT NULL,
	`pid` integer NOT NULL,
	`kind` text NOT NULL,
	`started_at` integer NOT NULL,
	`heartbeat_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `runs` ADD `boot_id` text;