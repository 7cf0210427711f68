import { Command, Option } from 'commander';
import { appPolicy, provisioningPolicy } from '../ops/iam-policy';

/** `npm run aws:policy -- --prefix <p> --bucket <b> [--for app|provisioning]`: prints an IAM policy as JSON. */
const program = new Command('aws:policy')
  .description('Print the least-privilege IAM policy for the PilotForce Admin app or for provisioning')
  .requiredOption('--bucket <name>', 'the assets bucket')
  .option('--prefix <prefix>', 'table name prefix', '')
  .option('--region <region>', 'restrict to one region (default: any)')
  .option('--account <id>', 'restrict to one AWS account id (default: any)')
  .option('--kms-key-arn <arn>', 'the customer-managed KMS key given to db:setup --kms-key-id (app policy: use it for objects)')
  .addOption(new Option('--for <who>', 'whose policy').choices(['app', 'provisioning']).default('app'))
  .action((options: { bucket: string; prefix: string; region?: string; account?: string; kmsKeyArn?: string; for: 'app' | 'provisioning' }) => {
    const policy = options.for === 'app' ? appPolicy(options) : provisioningPolicy(options);
    process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
  });

program.parse();
