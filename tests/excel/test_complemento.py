"""El complemento construido: zip válido, proyecto VBA propio con las funciones, cinta y configuración.

El VBA se lee con dos lectores independientes del escritor: olevba (oletools) y LibreOffice.
"""

import importlib
import io
import re
import shutil
import sys
import types
import zipfile

import pytest
from apoyo import LIBRO_MUESTRA, RAIZ, extraer_vba, libreoffice_modulos_vba, macros_del_repositorio
from defusedxml import ElementTree

from xl_seguimiento.app import cli
from xl_seguimiento.excel import complemento, udfs
from xl_seguimiento.excel.envolturas_vba import _udfs_de_xlwings, modulo_envolturas, modulo_registro

NS = {"ui": "http://schemas.microsoft.com/office/2006/01/customui"}
NS_HOJA = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
COMPLEMENTO = RAIZ / "workbook" / "xl_seguimiento.xlam"
MACROS = RAIZ / "macros"
FUNCIONES = ("AVANCE", "CATEGORIA_AVANCE", "COBERTURA_INDICE", "INDICE_GESTION")


@pytest.fixture(scope="module")
def construido(tmp_path_factory):
    return complemento.construir(tmp_path_factory.mktemp("xlam") / "xl_seguimiento.xlam")


@pytest.fixture(scope="module")
def vba(construido):
    return extraer_vba(construido)


@pytest.fixture(scope="module")
def libreoffice(construido, tmp_path_factory):
    return libreoffice_modulos_vba(construido, tmp_path_factory.mktemp("lo"))


def test_construccion_reproducible(construido):
    assert construido.read_bytes() == COMPLEMENTO.read_bytes()


def test_zip_valido_y_solo_cambian_cinco_partes(construido):
    with zipfile.ZipFile(construido) as nuevo, zipfile.ZipFile(complemento.plantilla()) as plantilla:
        assert nuevo.testzip() is None
        assert nuevo.namelist() == plantilla.namelist()
        distintas = {n for n in nuevo.namelist() if nuevo.read(n) != plantilla.read(n)}
    assert distintas == {
        "_rels/.rels",
        "customUI/customUI.xml",
        "xl/vbaProject.bin",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
    }


def test_tipo_de_relacion_de_la_cinta_segun_su_espacio_de_nombres(construido):
    """MS-OI29500: la cinta de 2006 (customui) va con el tipo de relación de 2006, como en el complemento
    de xlwings; la plantilla la enlazaba con el de 2007, que es el de customUI14."""
    with zipfile.ZipFile(construido) as paquete:
        espacio = ElementTree.fromstring(paquete.read("customUI/customUI.xml")).tag[1:].split("}")[0]
        relaciones = ElementTree.fromstring(paquete.read("_rels/.rels"))
    (tipo,) = [r.get("Type") for r in relaciones if r.get("Target") == "customUI/customUI.xml"]
    assert espacio == NS["ui"]
    assert tipo == "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"


def test_olevba_lee_macros_y_modulos_generados(vba):
    assert set(vba) == {*macros_del_repositorio(), "xlwings_udfs.bas", "RegistroFunciones.bas"}
    for nombre, codigo in macros_del_repositorio().items():
        assert vba[nombre] == codigo, nombre
    assert vba["xlwings_udfs.bas"] == modulo_envolturas("xl_seguimiento.excel.udfs", udfs)
    assert vba["RegistroFunciones.bas"] == modulo_registro(udfs)


def test_modulo_xlwings_es_el_de_la_plantilla_salvo_el_nombre_del_proyecto():
    """Solo cambia PROJECT_NAME, como manda la guía de complementos de xlwings para renombrarlo."""
    de_plantilla = extraer_vba(complemento.plantilla())["xlwings.bas"].splitlines()
    propio = (MACROS / "xlwings.bas").read_text(encoding="utf-8").splitlines()
    distintas = [(a, b) for a, b in zip(de_plantilla, propio, strict=True) if a != b]
    assert distintas == [
        (
            'Public Const PROJECT_NAME As String = "myaddin"',
            'Public Const PROJECT_NAME As String = "xl_seguimiento"',
        )
    ]


def test_libreoffice_carga_el_proyecto_con_todos_sus_modulos(libreoffice, vba):
    proyecto, modulos = libreoffice
    assert proyecto == "XlSeguimiento"
    assert set(modulos) == {nombre.rsplit(".", 1)[0] for nombre in vba}
    for nombre, codigo in vba.items():
        sin_atributos = [linea for linea in codigo.splitlines() if not linea.startswith("Attribute ")]
        cargado = modulos[nombre.rsplit(".", 1)[0]].splitlines()
        assert cargado[0].startswith("Rem Attribute VBA_ModuleType=") and cargado[1] == "Option VBASupport 1"
        cuerpo = cargado[3:] if cargado[2] == "Option ClassModule" else cargado[2:]  # lo agrega a las clases
        assert [linea.rstrip() for linea in cuerpo if linea.strip()] == [
            linea.rstrip() for linea in sin_atributos if linea.strip()
        ], nombre


def envoltura_esperada(nombre: str, argumentos: str, opcionales: str = "") -> str:
    """La forma que escribe la importación de xlwings en un complemento, según su documentación."""
    firma = ", ".join(a for a in (argumentos, opcionales) if a)
    lista = ", ".join(a.removeprefix("Optional ") for a in firma.split(", "))
    llamada = f'XLPy.CallUDF("xl_seguimiento.excel.udfs", "{nombre}", Array({lista})'
    return "\n".join(
        [
            f"Function {nombre}({firma})",
            '    #If App = "Microsoft Excel" Then',
            "        If TypeOf Application.Caller Is Range Then On Error GoTo failed",
            f"        {nombre} = {llamada}, ActiveWorkbook, Application.Caller)",
            "        Exit Function",
            "    #Else",
            f"        {nombre} = {llamada})",
            "        Exit Function",
            "    #End If",
            "failed:",
            f"    {nombre} = Err.Description",
            "End Function",
        ]
    )


def funciones_vba(codigo: str) -> dict[str, str]:
    return {
        m.group(1): m.group(0) for m in re.finditer(r"^Function (\w+)\(.*?^End Function", codigo, re.M | re.S)
    }


def test_envolturas_escritas_a_mano_segun_xlwings(vba):
    envolturas = funciones_vba(vba["xlwings_udfs.bas"])
    assert set(envolturas) == set(FUNCIONES)
    assert envolturas["AVANCE"] == envoltura_esperada(
        "AVANCE", "valor_obtenido, logro_esperado", "Optional sentido, Optional tipo"
    )
    assert envolturas["INDICE_GESTION"] == envoltura_esperada("INDICE_GESTION", "avances", "Optional tope")
    assert envolturas["COBERTURA_INDICE"] == envoltura_esperada("COBERTURA_INDICE", "avances")
    assert envolturas["CATEGORIA_AVANCE"] == envoltura_esperada("CATEGORIA_AVANCE", "avance")


def test_envolturas_iguales_a_las_de_generate_vba_wrapper(vba):
    """Cada función, decorada aquí con xlfunc/xlarg de xlwings por separado, da la misma envoltura."""
    xlwings_udfs = _udfs_de_xlwings()
    for nombre in FUNCIONES:
        original = getattr(udfs, nombre)

        def copia(*valores, _f=original):
            return _f(*valores)

        copia.__name__, copia.__doc__, copia.__wrapped__ = nombre, original.__doc__, original
        decorada = copia
        for argumento, declaracion in original.argumentos_excel.items():
            decorada = xlwings_udfs.xlarg(argumento, doc=declaracion.ayuda, **declaracion.opciones())(
                decorada
            )
        decorada = xlwings_udfs.xlfunc(category="Seguimiento")(decorada)
        texto = io.StringIO()
        xlwings_udfs.generate_vba_wrapper(
            "xl_seguimiento.excel.udfs",
            types.SimpleNamespace(**{nombre: decorada}),
            texto,
            types.SimpleNamespace(Name="x.xlam"),
        )
        assert funciones_vba(vba["xlwings_udfs.bas"])[nombre] + "\n" == texto.getvalue().strip("\n") + "\n"


def test_workbook_open_registra_la_ayuda_de_cada_funcion(vba):
    assert re.search(
        r"Private Sub Workbook_Open\(\)\n\s+RegistrarFunciones\nEnd Sub", vba["ThisWorkbook.cls"]
    )
    registro = vba["RegistroFunciones.bas"]
    assert "Public Sub RegistrarFunciones()" in registro
    assert "ThisWorkbook.IsAddin = False" in registro and "ThisWorkbook.IsAddin = eraComplemento" in registro
    for nombre in FUNCIONES:
        funcion = getattr(udfs, nombre)
        (linea,) = [linea for linea in registro.splitlines() if f"'!{nombre}\"" in linea]
        assert f'Description:="{funcion.__doc__.replace(chr(34), chr(34) * 2)}"' in linea
        assert 'Category:="Seguimiento"' in linea
        ayudas = re.search(r"ArgumentDescriptions:=Array\((.*)\)$", linea).group(1)
        assert ayudas == ", ".join('"' + a.ayuda + '"' for a in funcion.argumentos_excel.values())


def test_una_funcion_nueva_en_udfs_basta_para_el_complemento(monkeypatch, tmp_path):
    """Agregar una función declarada a udfs y reconstruir: aparece su envoltura y su registro."""
    from xl_seguimiento.excel.funciones_excel import Argumento, funcion_excel

    @funcion_excel(valor=Argumento("Un valor cualquiera."))
    def DOBLE(valor):
        """El doble del valor."""
        return 2 * valor

    monkeypatch.setattr(udfs, "DOBLE", DOBLE, raising=False)
    vba = extraer_vba(complemento.construir(tmp_path / "x.xlam"))
    assert "Function DOBLE(valor)" in vba["xlwings_udfs.bas"]
    assert '\'!DOBLE", Description:="El doble del valor."' in vba["RegistroFunciones.bas"]


def test_cinta_en_espanol_y_sus_acciones_existen(construido, vba):
    with zipfile.ZipFile(construido) as paquete:
        raiz = ElementTree.fromstring(paquete.read("customUI/customUI.xml"))
    (pestana,) = raiz.findall(".//ui:tab", NS)
    alertas, reporte = raiz.findall(".//ui:button", NS)
    assert pestana.get("label") == "Seguimiento"
    assert (alertas.get("label"), reporte.get("label")) == ("Generar alertas", "Generar reporte")
    assert "«Alertas» y «Tablero»" in alertas.get("supertip")
    assert "reporte de seguimiento en Word" in reporte.get("supertip")
    for boton in (alertas, reporte):
        modulo, macro = boton.get("onAction").split(".")
        assert modulo == "RibbonSeguimiento" and "MyAddin" not in boton.get("onAction")
        assert re.search(rf"^Sub {macro}\(control As IRibbonControl\)", vba[f"{modulo}.bas"], re.MULTILINE)


def test_runpython_llama_a_main_y_reporte_de_la_capa_excel(vba):
    ordenes = re.findall(r'RunPython "(.*)"', vba["RibbonSeguimiento.bas"])
    assert ordenes == [
        "import xl_seguimiento.excel; xl_seguimiento.excel.main()",
        "import xl_seguimiento.excel; xl_seguimiento.excel.reporte()",
    ]
    excel = importlib.import_module("xl_seguimiento.excel")
    assert callable(excel.main) and callable(excel.reporte)


def test_hoja_de_configuracion_sin_claves_vacias(construido, vba):
    with zipfile.ZipFile(construido) as paquete:
        libro = ElementTree.fromstring(paquete.read("xl/workbook.xml"))
        hoja = ElementTree.fromstring(paquete.read("xl/worksheets/sheet1.xml"))
        assert b"absPath" not in paquete.read("xl/workbook.xml")  # sin rutas de otro equipo
    (nombre,) = [h.get("name") for h in libro.iterfind("m:sheets/m:sheet", NS_HOJA)]
    proyecto = re.search(r'PROJECT_NAME As String = "(\w+)"', vba["xlwings.bas"]).group(1)
    assert nombre == f"{proyecto}.conf" == "xl_seguimiento.conf"
    filas = [
        [c for c in fila.iterfind("m:c", NS_HOJA)] for fila in hoja.iterfind("m:sheetData/m:row", NS_HOJA)
    ]
    assert [f[0].get("r") for f in filas] == [f"A{i}" for i in range(1, len(filas) + 1)]  # seguidas desde A1
    claves = ["".join(f[0].itertext()) for f in filas]
    assert all(len(f) == 2 and "".join(f[1].itertext()) != "" for f in filas)
    assert not any(
        c.upper().startswith(("INTERPRETER", "UDF MODULES", "CONDA", "PYTHONPATH")) for c in claves
    )


@pytest.fixture
def windows(monkeypatch, tmp_path):
    monkeypatch.setattr(complemento.sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData" / "Roaming"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "José"))
    monkeypatch.setattr(
        complemento.sys, "executable", r"C:\Users\José\AppData\Local\Programs\Python\python.exe"
    )
    return tmp_path


def test_instalar_construye_en_xlstart_y_escribe_el_interprete(windows, capsys):
    assert cli.main(["complemento", "instalar"]) == 0
    xlstart = windows / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART" / "xl_seguimiento.xlam"
    configuracion = windows / "José" / ".xl_seguimiento" / "xl_seguimiento.conf"
    assert xlstart.read_bytes() == COMPLEMENTO.read_bytes()
    # el formato que lee GetConfigFromFile (Input #) en la página de códigos de Windows
    assert configuracion.read_bytes() == (
        '"INTERPRETER_WIN","C:\\Users\\José\\AppData\\Local\\Programs\\Python\\python.exe"\r\n'
        '"UDF MODULES","xl_seguimiento.excel.udfs"\r\n'
    ).encode("cp1252")
    salida = capsys.readouterr().out
    assert "ciérrelo y vuelva a abrirlo" in salida and str(configuracion) in salida


def test_desinstalar_quita_complemento_y_configuracion(windows, capsys):
    cli.main(["complemento", "instalar"])
    assert cli.main(["complemento", "desinstalar"]) == 0
    assert not (
        windows / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART" / "xl_seguimiento.xlam"
    ).exists()
    assert not (windows / "José" / ".xl_seguimiento").exists()
    assert cli.main(["complemento", "desinstalar"]) == 0
    assert "no había nada que quitar" in capsys.readouterr().out


def test_ruta_de_python_que_excel_no_puede_leer(windows, monkeypatch, capsys):
    monkeypatch.setattr(complemento.sys, "executable", "C:\\Users\\李\\python.exe")
    assert cli.main(["complemento", "instalar"]) == 2
    assert "tiene caracteres que Excel no lee" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("plataforma", "mensaje"),
    [("darwin", "En Mac, Excel no ejecuta funciones de Python"), ("linux", "Aquí no hay Excel")],
)
def test_instalar_fuera_de_windows_explica_que_funciona(monkeypatch, capsys, plataforma, mensaje):
    monkeypatch.setattr(complemento.sys, "platform", plataforma)
    assert cli.main(["complemento", "instalar"]) == 2
    error = capsys.readouterr().err
    assert mensaje in error and "xl-seguimiento alertas" in error


def test_construir_por_omision_en_la_carpeta_actual(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["complemento", "construir"]) == 0
    assert (tmp_path / "xl_seguimiento.xlam").read_bytes() == COMPLEMENTO.read_bytes()


def test_construir_en_una_carpeta_que_no_existe_se_rechaza_como_alertas(tmp_path, capsys):
    """Un -o con una carpeta mal escrita no crea carpetas: el mismo criterio y mensaje que `alertas -o`."""
    libro = tmp_path / "libro.xlsx"
    shutil.copy(LIBRO_MUESTRA, libro)
    for orden in (
        ["complemento", "construir", "-o", str(tmp_path / "nueva" / "x.xlam")],
        ["alertas", str(libro), "-o", str(tmp_path / "nueva" / "x.xlsx")],
    ):
        assert cli.main(orden) == 2
        assert (
            f"No se puede escribir en la carpeta «{tmp_path / 'nueva'}»: no existe" in capsys.readouterr().err
        )
    assert not (tmp_path / "nueva").exists()


def test_sustitutos_de_pywin32_no_quedan_en_el_proceso():
    _udfs_de_xlwings()
    assert "pythoncom" not in sys.modules and "xlwings.udfs" not in sys.modules


def test_generar_alertas_revisa_libro_activo_y_vista_protegida_antes_de_runpython(vba):
    """Sin libro activo o en Vista protegida: un MsgBox en español, no el error 91 de RunPython."""
    macro = vba["RibbonSeguimiento.bas"]
    cuerpo = macro[macro.index("Sub GenerarAlertas") : macro.index("End Sub")]
    vista, activo, llamada = (
        cuerpo.index("ActiveProtectedViewWindow Is Nothing"),
        cuerpo.index("If ActiveWorkbook Is Nothing Then"),
        cuerpo.index('RunPython "'),
    )
    assert vista < activo < llamada
    assert cuerpo.count("Exit Sub") == 2 and cuerpo.count('vbExclamation, "xl-seguimiento"') == 2
    assert "Habilitar edición" in cuerpo


def test_una_linea_de_macrooptions_de_mas_de_1023_caracteres_no_se_construye(monkeypatch):
    from xl_seguimiento.excel.envolturas_vba import LARGO_MAXIMO_LINEA
    from xl_seguimiento.excel.funciones_excel import Argumento, funcion_excel

    ayuda = "Una ayuda larga. " * 15  # 255 caracteres por texto, cuatro argumentos y la descripción
    argumentos = {n: Argumento(ayuda) for n in ("a", "b", "c", "d")}

    @funcion_excel(**argumentos)
    def LARGA(a, b, c, d):
        return a

    LARGA.__doc__ = ayuda
    monkeypatch.setattr(udfs, "LARGA", LARGA, raising=False)
    with pytest.raises(ValueError, match=f"LARGA tiene .* caracteres; VBA acepta {LARGO_MAXIMO_LINEA}"):
        modulo_registro(udfs)
    monkeypatch.delattr(udfs, "LARGA")
    assert max(len(linea) for linea in modulo_registro(udfs).splitlines()) <= LARGO_MAXIMO_LINEA
