import sys

from chat_client.cli import main

sys.exit(main())
