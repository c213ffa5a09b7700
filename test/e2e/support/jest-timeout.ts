// End-to-end tests drive the real Pulumi CLI; each CLI operation takes seconds.
jest.setTimeout(600_000);
