CREATE TABLE `batch_rows` (
	`batch_id` text NOT NULL,
	`index` integer NOT NULL,
	`inputs` text NOT NULL,
	`status` text NOT NULL,
	`run_id` text,
	`cost` real DEFAULT 0 NOT NULL,
	`estimated_cost` real DEFAULT 0 NOT NULL,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`lease_owner` text,
	`lease_until` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`batch_id`, `index`),
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `batch_rows_status` ON `batch_rows` (`status`,`batch_id`);--> statement-breakpoint
CREATE TABLE `batches` (
	`id` text PRIMARY KEY NOT NULL,
	`workflow_id` text,
	`workflow_version` integer,
	`document` text NOT NULL,
	`status` text NOT NULL,
	`max_cost` real,
	`priority` integer DEFAULT 0 NOT NULL,
	`position` integer NOT NULL,
	`estimated_cost` real DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`workflow_id`) REFERENCES `workflows`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `batches_status` ON `batches` (`status`,`priority`,`position`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text NOT NULL,
	`route` text NOT NULL,
	`body_hash` text NOT NULL,
	`status` integer,
	`response` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`route`, `key`)
);
