/**
 * Policy test cases: data beside the policy ({@code <area>_test.yaml}), each a submission, optional
 * signals to inject, the expected verdict and the rules expected to vote. One runner serves the
 * {@code greenlight test} command and the policy pack's own build. The file format is in the
 * README for policy staff ({@code rules/README.md}).
 */
package dev.greenlight.policytest;
