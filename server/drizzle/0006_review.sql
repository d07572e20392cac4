CREATE TABLE `comments` (
	`id` text PRIMARY KEY NOT NULL,
	`thread_id` text NOT NULL,
	`workflow_id` text,
	`run_id` text,
	`node_id` text NOT NULL,
	`port` text,
	`author_id` text NOT NULL,
	`author_name` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by_id` text,
	`resolved_by_name` text
);
--> statement-breakpoint
CREATE INDEX `comments_thread` ON `comments` (`thread_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_workflow` ON `comments` (`workflow_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_run` ON `comments` (`run_id`);--> statement-breakpoint
CREATE TABLE `inbox_items` (
	`id` text PRIMARY KEY NOT NULL,
	`recipient_id` text NOT NULL,
	`comment_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `inbox_recipient` ON `inbox_items` (`recipient_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `stars` (
	`run_id` text NOT NULL,
	`node_id` text NOT NULL,
	`port` text NOT NULL,
	`starred_by_id` text NOT NULL,
	`starred_by_name` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`run_id`, `node_id`, `port`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `runs` ADD `started_by_id` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `started_by_name` text;