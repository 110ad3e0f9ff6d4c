module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // Synthesized cloud assemblies contain bundled Lambda handler code.
  ignorePatterns: ['cdk.out/**'],
  rules: {
    // CDK and cdk8s constructs attach themselves to their scope when created.
    'no-new': 'off',
  },
  testRules: {
    // aws-cdk-lib/assertions methods throw on mismatch, like expect().
    'jest/expect-expect': [
      'warn',
      {
        assertFunctionNames: [
          'expect',
          '*.hasResourceProperties',
          '*.hasOutput',
          '*.resourceCountIs',
          'template.*',
          'template().*',
        ],
      },
    ],
  },
});
