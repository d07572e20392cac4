CREATE TABLE `provenance` (
	`sha256` text NOT NULL,
	`run_id` text NOT NULL,
	`node_id` text NOT NULL,
	`port` text NOT NULL,
	`cached` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`sha256`, `run_id`, `node_id`, `port`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `provenance_run_id` ON `provenance` (`run_id`);--> statement-breakpoint
CREATE TABLE `shares` (
	`id` text PRIMARY KEY NOT NULL,
	`workflow_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`access` text NOT NULL,
	`version` integer,
	`expires_at` integer,
	`max_cost` real,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`workflow_id`) REFERENCES `workflows`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shares_token_hash_unique` ON `shares` (`token_hash`);--> statement-breakpoint
CREATE INDEX `shares_workflow_id` ON `shares` (`workflow_id`);--> statement-breakpoint
ALTER TABLE `runs` ADD `via` text;--> statement-breakpoint
CREATE INDEX `runs_via` ON `runs` (`via`);--> statement-breakpoint
ALTER TABLE `workflows` ADD `forked_from_id` text;--> statement-breakpoint
ALTER TABLE `workflows` ADD `forked_from_version` integer;