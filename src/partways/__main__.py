from partways.cli import main

raise SystemExit(main())
