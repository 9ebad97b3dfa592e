from mutasi_cli.cli import main

main()
