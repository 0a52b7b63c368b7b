"""Everything that imports aws_cdk: the stacks and their constructs. infra/ around this
folder is plain Python that local/, ops/ and bench/ import without starting jsii
(tests/infra/test_rooms.py keeps both rules)."""
