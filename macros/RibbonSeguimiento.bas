Attribute VB_Name = "RibbonSeguimiento"
' Cinta «Seguimiento»: el botón corre en Python el mismo motor que la línea de comandos.
' Los errores (libro sin tabla, Python sin el paquete...) los muestra Python en un mensaje en español.
Sub GenerarAlertas(control As IRibbonControl)
    RunPython "import xl_seguimiento.excel; xl_seguimiento.excel.main()"
End Sub
