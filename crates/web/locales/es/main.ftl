# La interfaz de Myo en español. Se trata al paciente de «usted», como en las páginas del
# conocimiento y en las respuestas de Ask. Cada mensaje existe también en inglés, con las mismas
# variables (hay una prueba que lo comprueba).

## Plantilla: cabecera, menú, pie, cambio de idioma

skip-to-main = Saltar al contenido principal
nav-home-label = Inicio de Myo
nav-main-label = Principal
nav-learn = Aprender
nav-ask = Preguntar
nav-calculators = Calculadoras
nav-tracker = Mi seguimiento
nav-audit = Registro de auditoría
nav-users = Usuarios
nav-moderation = Moderación
nav-account = Cuenta
nav-account-for = de { $name }
nav-signout = Cerrar sesión
nav-signin = Iniciar sesión
nav-signup = Crear cuenta
footer-disclaimer-title = Aviso médico.
disclaimer = Myo ofrece información general; no diagnostica, no receta y no sustituye a su equipo médico. Consulte a su médico o enfermera sobre su propio cuidado. En una emergencia, llame ya al 911, al 112 o al número de emergencias de su país.
footer-open-source = Myo es software de código abierto.
footer-htmx-licence = licencia de htmx
lang-switch-label = Idioma:

## Inicio

home-title = Myo: información clara sobre la dermatomiositis y la miositis
home-lead = Páginas revisadas y fechadas, con sus fuentes; respuestas a sus preguntas; y las escalas clínicas publicadas, explicadas punto por punto. Myo informa; no diagnostica ni receta.
home-search-label = Buscar en las páginas de información
home-search-placeholder = por ejemplo: eritema en heliotropo
home-search-button = Buscar
home-emergency-lead = En una emergencia
home-emergency = (le cuesta respirar o tragar, tiene dolor en el pecho o se desmaya), llame ya al 911, al 112 o al número de emergencias de su país.
home-start-here = Empiece aquí
home-card-learn = Síntomas, pruebas, medicinas, alimentación y vida diaria; cada página con sus fuentes y su fecha de revisión.
home-card-ask-title = Hacer una pregunta
home-card-ask = Las respuestas salen solo de las páginas revisadas, con sus fuentes numeradas. Las señales de alarma se avisan primero.
home-card-calculators = { $count ->
    [one] { $count } instrumento publicado, como los criterios EULAR/ACR 2017, con cada punto explicado.
   *[other] { $count } instrumentos publicados, como los criterios EULAR/ACR 2017, con cada punto explicado.
}
home-browse = Ver por tema
title-home = Información sobre la dermatomiositis y la miositis
kb-section-overview = Información general
kb-section-types = Tipos de miositis
kb-section-causes = Causas y factores de riesgo
kb-section-symptoms = Síntomas y signos
kb-section-tests = Pruebas
kb-section-treatments = Tratamientos
kb-section-drugs = Medicinas
kb-section-supplements = Suplementos
kb-section-advanced = Terapias avanzadas y experimentales
kb-section-procedures = Procedimientos
kb-section-prevention = Prevención
kb-section-red-flags = Señales de alarma
kb-section-diet = Alimentación
kb-section-faq = Preguntas frecuentes
kb-section-antibodies = Anticuerpos
kb-section-living = Vivir con miositis
kb-section-organisations = Organizaciones de pacientes
kb-section-trials = Ensayos clínicos
kb-section-related = Enfermedades relacionadas
kb-section-glossary = Glosario

## Iniciar sesión y crear cuenta

title-signin = Iniciar sesión
signin-title = Iniciar sesión
field-email = Correo electrónico
field-password = Contraseña
signin-forgot = ¿Olvidó su contraseña?
signin-no-account = ¿Todavía no tiene cuenta?
signin-create-one = Cree una
title-signup = Crear una cuenta
signup-title = Crear una cuenta
signup-intro = Con una cuenta puede llevar sus propios registros en el seguimiento: un diario de síntomas, análisis, medicinas y consultas, para compartirlos con su equipo médico si lo desea. Myo guarda lo mínimo posible y usted puede borrar su cuenta cuando quiera.
signup-name = Nombre que se muestra (opcional)
signup-password-hint = { $count ->
    [one] Al menos { $count } carácter.
   *[other] Al menos { $count } caracteres.
}
signup-password-again = Repita la contraseña
signup-tz-label = Zona horaria:
signup-tz-unknown = su seguimiento le pedirá que la confirme después de iniciar sesión
signup-tz-found = { $zone } (según este navegador; puede cambiarla en la configuración de su seguimiento)
signup-tz-why = Myo la usa para saber qué es «hoy» en su diario, sus dosis y sus avisos.
signup-submit = Crear cuenta
signup-have-account = ¿Ya tiene una cuenta?
signin-notice-deleted = Su cuenta se ha borrado.
signin-notice-signed-out = Ha cerrado la sesión.
signin-notice-handed-over = Ahora sus registros son suyos. Inicie sesión con su correo electrónico y la contraseña que acaba de elegir.
signin-notice-reset = Su nueva contraseña está guardada. Se cerraron todas sus sesiones y se anularon sus claves de la API: inicie sesión con la nueva contraseña.
signin-notice-signed-up = Gracias. Si este correo electrónico no tenía cuenta, su cuenta ya está lista: inicie sesión con él ahora. Si ya tenía una, inicie sesión con su contraseña.
signin-notice-signed-up-no-zone = Gracias. Si este correo electrónico no tenía cuenta, su cuenta ya está lista: inicie sesión con él ahora. Si ya tenía una, inicie sesión con su contraseña. Su navegador no nos dijo su zona horaria, así que Myo cuenta los días en UTC hasta que usted confirme la suya: su seguimiento se lo pedirá.
signin-err-missing = Escriba su correo electrónico y su contraseña.
signin-err-wrong = El correo electrónico o la contraseña no son correctos.
signup-err-email = Escriba un correo electrónico como nombre@ejemplo.org.
signup-err-name = Use como máximo 100 caracteres que se puedan imprimir.
signup-err-password = Use al menos { $count } caracteres (unas cuantas palabras hacen una buena contraseña).
signup-err-confirm = Las dos contraseñas no coinciden.
refused-title = Demasiados intentos
refused-signin = Hubo demasiados intentos fallidos de iniciar sesión desde su red.
refused-signup = Se crearon demasiadas cuentas nuevas desde su red.
refused-wait-seconds = { $count ->
    [one] Espere { $count } segundo y vuelva a intentarlo.
   *[other] Espere { $count } segundos y vuelva a intentarlo.
}
refused-wait-minutes = { $count ->
    [one] Espere { $count } minuto y vuelva a intentarlo.
   *[other] Espere { $count } minutos y vuelva a intentarlo.
}
refused-back-signin = Volver a iniciar sesión
refused-back-signup = Volver a crear una cuenta

## Páginas de error

error-title = { $status ->
    [400] Solicitud incorrecta
    [403] Acceso denegado
    [404] Página no encontrada
    [405] Método no permitido
    [409] Conflicto
    [413] Envío demasiado grande
    [422] Datos que no se pueden procesar
    [429] Demasiadas solicitudes
    [500] Error del servidor
    [503] Servicio no disponible
   *[other] Error
}
error-code = Error { $status }.
error-home-link = Ir a la página de inicio
error-msg-not-found = No hay ninguna página en esta dirección.
error-msg-method = Esta dirección no acepta ese tipo de solicitud.
error-msg-busy = Myo está muy ocupado en este momento. Vuelva a intentarlo en unos segundos.
error-msg-conflict = Este registro cambió después de que usted lo abriera, así que no se guardó nada. Vuelva atrás, recárguelo y haga el cambio otra vez.
error-msg-internal = Algo falló por nuestra parte; ha quedado registrado.
error-msg-csrf-wrong = el código de seguridad del formulario no es correcto; recargue la página e inténtelo de nuevo
error-msg-csrf-missing = falta el código de seguridad del formulario; recargue la página e inténtelo de nuevo
error-msg-too-large = El formulario es demasiado grande.
error-msg-language = Idioma: elija uno de los idiomas que se ofrecen.
error-msg-no-record = Ese registro no existe.
error-msg-signup-off = En este sitio no se pueden crear cuentas. Pida una a su administrador.
error-msg-clock = El reloj del servidor no tiene una fecha válida.
