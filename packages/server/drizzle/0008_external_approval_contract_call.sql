ALTER TABLE `external_approvals` ADD `target_contract_address` text;--> statement-breakpoint
ALTER TABLE `external_approvals` ADD `function_selector` text;